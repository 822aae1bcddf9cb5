import { describe, expect, it } from 'vitest';
import { STATE_TRANSITIONS, type StateTransition } from 'kms-custom-key-store-mock/core';
import {
  LABEL_CHARACTER_WIDTH,
  LABEL_LINE_HEIGHT,
  layoutStateDiagram,
  NODE_HEIGHT,
  NODE_WIDTH,
  type DiagramLayout,
} from './state-diagram-layout';

interface Box {
  left: number;
  right: number;
  top: number;
  bottom: number;
  what: string;
}

const overlaps = (a: Box, b: Box) => a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom;

function boxes(layout: DiagramLayout): { nodes: Box[]; labels: Box[] } {
  const nodes = layout.nodes.map((node) => ({
    left: node.x - NODE_WIDTH / 2,
    right: node.x + NODE_WIDTH / 2,
    top: node.y - NODE_HEIGHT / 2,
    bottom: node.y + NODE_HEIGHT / 2,
    what: node.id,
  }));
  const labels = layout.edges.map((edge) => {
    const width = Math.max(...edge.labelLines.map((line) => line.length)) * LABEL_CHARACTER_WIDTH;
    const [x, y] = edge.labelAt;
    const left = edge.labelAnchor === 'start' ? x : x - width;
    // Text is drawn with its first baseline at the label point.
    return {
      left,
      right: left + width,
      top: y - LABEL_LINE_HEIGHT,
      bottom: y + (edge.labelLines.length - 1) * LABEL_LINE_HEIGHT,
      what: edge.transition.trigger,
    };
  });
  return { nodes, labels };
}

describe('layoutStateDiagram on the mock transition table', () => {
  const layout = layoutStateDiagram(STATE_TRANSITIONS);

  it('draws every state and every transition of the table', () => {
    const states = new Set(STATE_TRANSITIONS.flatMap((t) => [t.from, t.to]));
    expect(new Set(layout.nodes.map((node) => node.id))).toEqual(states);
    expect(layout.edges.map((edge) => edge.transition)).toEqual([...STATE_TRANSITIONS]);
  });

  it('puts the new store on top and lets every forward edge point down', () => {
    const y = new Map(layout.nodes.map((node) => [node.id, node.y]));
    expect(Math.min(...y.values())).toBe(y.get('created'));
    for (const edge of layout.edges.filter((e) => !e.back)) {
      expect(y.get(edge.transition.to)!, `${edge.transition.from} → ${edge.transition.to}`).toBeGreaterThan(
        y.get(edge.transition.from)!,
      );
    }
    expect(layout.edges.filter((e) => e.back).map((e) => `${e.transition.from}→${e.transition.to}`)).toEqual([
      'DISCONNECTING→DISCONNECTED',
    ]);
  });

  it('keeps nodes and labels apart and inside the canvas', () => {
    const { nodes, labels } = boxes(layout);
    const all = [...nodes, ...labels];
    all.forEach((a, i) =>
      all.slice(i + 1).forEach((b) => expect(overlaps(a, b), `"${a.what}" overlaps "${b.what}"`).toBe(false)),
    );
    for (const box of all) {
      expect(box.left).toBeGreaterThanOrEqual(0);
      expect(box.top).toBeGreaterThanOrEqual(0);
      expect(box.right).toBeLessThanOrEqual(layout.width);
      expect(box.bottom).toBeLessThanOrEqual(layout.height);
    }
  });

  it('routes an edge that skips a rank through its own slot instead of across a node', () => {
    const table: StateTransition[] = [
      { from: 'created', to: 'DISCONNECTED', trigger: 'a', asynchronous: false },
      { from: 'DISCONNECTED', to: 'CONNECTING', trigger: 'b', asynchronous: false },
      { from: 'CONNECTING', to: 'CONNECTED', trigger: 'c', asynchronous: true },
      { from: 'DISCONNECTED', to: 'CONNECTED', trigger: 'd', asynchronous: false },
    ];
    const small = layoutStateDiagram(table);
    const skipping = small.edges[3]!;
    expect(skipping.points).toHaveLength(3);
    const connecting = small.nodes.find((node) => node.id === 'CONNECTING')!;
    expect(Math.abs(skipping.points[1]![0] - connecting.x)).toBeGreaterThanOrEqual(NODE_WIDTH);
  });
});
