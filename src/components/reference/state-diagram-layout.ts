/**
 * Lays out the connection-state diagram from the transition table: a small layered layout
 * (ranks by longest path, one slot per rank for edges that skip ranks, nodes pulled under
 * their parents) so that a new state or edge in the table shows up in the diagram by itself.
 */
import type { StateTransition } from 'kms-custom-key-store-mock/core';

export const NODE_WIDTH = 150;
export const NODE_HEIGHT = 40;
const RANK_GAP = 110;
const SLOT_GAP = 260;
const MARGIN = 24;
const BACK_EDGE_CHANNEL = 36;
const LABEL_LINE_CHARACTERS = 26;
const BACK_EDGE_LABEL_CHARACTERS = 14;
/** Estimates for sizing the canvas around labels (12px sans-serif). */
export const LABEL_CHARACTER_WIDTH = 6.8;
export const LABEL_LINE_HEIGHT = 14;

type Point = readonly [number, number];

interface DiagramNode {
  id: string;
  /** `created`/`deleted` are the moments before and after a store exists, not states. */
  pseudo: boolean;
  x: number;
  y: number;
}

interface DiagramEdge {
  transition: StateTransition;
  points: Point[];
  labelLines: string[];
  labelAt: Point;
  labelAnchor: 'start' | 'end';
  /** Drawn against the flow (e.g. DISCONNECTING back to DISCONNECTED), around the left side. */
  back: boolean;
}

export interface DiagramLayout {
  nodes: DiagramNode[];
  edges: DiagramEdge[];
  width: number;
  height: number;
}

const PSEUDO_NODES = new Set(['created', 'deleted']);

function wrapLabel(text: string, lineCharacters = LABEL_LINE_CHARACTERS): string[] {
  const lines: string[] = [];
  for (const word of text.split(' ')) {
    const last = lines.at(-1);
    // A parenthesised remark starts its own line.
    if (last !== undefined && !word.startsWith('(') && last.length + 1 + word.length <= lineCharacters)
      lines[lines.length - 1] = `${last} ${word}`;
    else lines.push(word);
  }
  return lines;
}

/** Edges that close a cycle when the table is walked depth-first from its first state. */
function findBackEdges(ids: readonly string[], transitions: readonly StateTransition[]): Set<StateTransition> {
  const back = new Set<StateTransition>();
  const visited = new Set<string>();
  const onStack = new Set<string>();
  const visit = (id: string) => {
    visited.add(id);
    onStack.add(id);
    for (const transition of transitions.filter((t) => t.from === id)) {
      if (onStack.has(transition.to)) back.add(transition);
      else if (!visited.has(transition.to)) visit(transition.to);
    }
    onStack.delete(id);
  };
  for (const id of ids) if (!visited.has(id)) visit(id);
  return back;
}

interface Slot {
  /** A node id, or an edge passing through this rank. */
  node?: string;
  edge?: StateTransition;
  order: number;
  x: number;
}

export function layoutStateDiagram(transitions: readonly StateTransition[]): DiagramLayout {
  const ids: string[] = [];
  for (const { from, to } of transitions) for (const id of [from, to]) if (!ids.includes(id)) ids.push(id);
  const back = findBackEdges(ids, transitions);
  const forward = transitions.filter((t) => !back.has(t));

  // Rank = longest path from a source over forward edges (the forward edges form a DAG).
  const rank = new Map<string, number>(ids.map((id) => [id, 0]));
  for (let pass = 0; pass < ids.length; pass++) {
    for (const { from, to } of forward) rank.set(to, Math.max(rank.get(to) ?? 0, (rank.get(from) ?? 0) + 1));
  }
  const rankCount = Math.max(...rank.values()) + 1;

  const slotsByRank: Slot[][] = Array.from({ length: rankCount }, () => []);
  ids.forEach((id, order) => slotsByRank[rank.get(id) ?? 0]?.push({ node: id, order, x: 0 }));
  forward.forEach((edge, index) => {
    for (let r = (rank.get(edge.from) ?? 0) + 1; r < (rank.get(edge.to) ?? 0); r++) {
      slotsByRank[r]?.push({ edge, order: ids.length + index, x: 0 });
    }
  });

  // Place each rank under the mean x of what feeds it, then push overlapping slots apart.
  const nodeX = new Map<string, number>();
  const passX = new Map<StateTransition, number>();
  const feederX = (slot: Slot, r: number): number[] => {
    if (slot.edge) {
      const fromRank = rank.get(slot.edge.from) ?? 0;
      const x = fromRank === r - 1 ? nodeX.get(slot.edge.from) : passX.get(slot.edge);
      return x === undefined ? [] : [x];
    }
    return forward
      .filter((t) => t.to === slot.node)
      .map((t) => ((rank.get(t.from) ?? 0) === r - 1 ? nodeX.get(t.from) : passX.get(t)))
      .filter((x) => x !== undefined);
  };
  slotsByRank.forEach((slots, r) => {
    for (const slot of slots) {
      const xs = feederX(slot, r);
      slot.x = xs.length > 0 ? xs.reduce((a, b) => a + b, 0) / xs.length : 0;
    }
    // Ties keep table order, with edges passing through placed in the middle of their tie group.
    slots.sort((a, b) => a.x - b.x || a.order - b.order);
    const ordered: Slot[] = [];
    for (let i = 0; i < slots.length;) {
      const group = slots.filter((slot) => slot.x === slots[i]?.x);
      const nodes = group.filter((slot) => slot.node !== undefined);
      const passing = group.filter((slot) => slot.edge !== undefined);
      const middle = Math.floor(nodes.length / 2);
      ordered.push(...nodes.slice(0, middle), ...passing, ...nodes.slice(middle));
      i += group.length;
    }
    const desiredMean = ordered.reduce((sum, slot) => sum + slot.x, 0) / Math.max(1, ordered.length);
    const placed = ordered.map((slot) => slot.x);
    for (let i = 1; i < placed.length; i++) placed[i] = Math.max(placed[i] ?? 0, (placed[i - 1] ?? 0) + SLOT_GAP);
    const shift = desiredMean - placed.reduce((a, b) => a + b, 0) / Math.max(1, placed.length);
    ordered.forEach((slot, i) => {
      slot.x = (placed[i] ?? 0) + shift;
      if (slot.node !== undefined) nodeX.set(slot.node, slot.x);
      if (slot.edge !== undefined) passX.set(slot.edge, slot.x);
    });
  });

  const yOf = (r: number) => r * RANK_GAP;
  const nodes: DiagramNode[] = ids.map((id) => ({
    id,
    pseudo: PSEUDO_NODES.has(id),
    x: nodeX.get(id) ?? 0,
    y: yOf(rank.get(id) ?? 0),
  }));
  const nodeById = new Map(nodes.map((node) => [node.id, node]));
  const channelX = Math.min(...nodes.map((node) => node.x), ...passX.values()) - NODE_WIDTH / 2 - BACK_EDGE_CHANNEL;

  let backIndex = 0;
  const edges: DiagramEdge[] = transitions.map((transition) => {
    const from = nodeById.get(transition.from);
    const to = nodeById.get(transition.to);
    if (!from || !to) throw new Error(`State diagram: edge ${transition.from} → ${transition.to} has no node.`);
    if (back.has(transition)) {
      // Back edges run up a channel left of everything; their label goes in the margin beside it.
      const labelLines = wrapLabel(transition.trigger, BACK_EDGE_LABEL_CHARACTERS);
      const channel = channelX - BACK_EDGE_CHANNEL * backIndex++;
      const points: Point[] = [
        [from.x - NODE_WIDTH / 2, from.y],
        [channel, from.y],
        [channel, to.y],
        [to.x - NODE_WIDTH / 2, to.y],
      ];
      return { transition, points, labelLines, labelAt: [channel - 8, (from.y + to.y) / 2], labelAnchor: 'end', back: true };
    }
    const labelLines = wrapLabel(transition.trigger);
    const throughPoints: Point[] = slotsByRank.flatMap((slots, r) =>
      slots.filter((slot) => slot.edge === transition).map((slot): Point => [slot.x, yOf(r)]),
    );
    const points: Point[] = [[from.x, from.y + NODE_HEIGHT / 2], ...throughPoints, [to.x, to.y - NODE_HEIGHT / 2]];
    // The label sits on the first leg (at the bend for an edge that skips ranks), nearer the
    // source when several edges meet at the target so that their labels do not collide.
    const start = points[0] ?? [0, 0];
    const next = points[1] ?? start;
    const converging = transitions.filter((t) => t.to === transition.to).length > 1;
    const t = throughPoints.length > 0 ? 1 : converging ? 0.3 : 0.5;
    const at: Point = [start[0] + (next[0] - start[0]) * t, start[1] + (next[1] - start[1]) * t];
    const goesLeft = next[0] < start[0] - 1;
    return {
      transition,
      points,
      labelLines,
      labelAt: [at[0] + (goesLeft ? -8 : 8), at[1]],
      labelAnchor: goesLeft ? 'end' : 'start',
      back: false,
    };
  });

  // Translate everything so the drawing (labels included, at an estimated width) starts at the margin.
  const xs: number[] = [];
  const ys: number[] = [];
  for (const node of nodes) {
    xs.push(node.x - NODE_WIDTH / 2, node.x + NODE_WIDTH / 2);
    ys.push(node.y - NODE_HEIGHT / 2, node.y + NODE_HEIGHT / 2);
  }
  for (const edge of edges) {
    for (const [x, y] of edge.points) (xs.push(x), ys.push(y));
    const labelWidth = Math.max(...edge.labelLines.map((line) => line.length)) * LABEL_CHARACTER_WIDTH;
    const [x, y] = edge.labelAt;
    xs.push(edge.labelAnchor === 'start' ? x + labelWidth : x - labelWidth);
    ys.push(y + edge.labelLines.length * LABEL_LINE_HEIGHT);
  }
  const dx = MARGIN - Math.min(...xs);
  const dy = MARGIN - Math.min(...ys);
  const move = ([x, y]: Point): Point => [x + dx, y + dy];
  return {
    nodes: nodes.map((node) => ({ ...node, x: node.x + dx, y: node.y + dy })),
    edges: edges.map((edge) => ({ ...edge, points: edge.points.map(move), labelAt: move(edge.labelAt) })),
    width: Math.ceil(Math.max(...xs) + dx + MARGIN),
    height: Math.ceil(Math.max(...ys) + dy + MARGIN),
  };
}
