import { describe, expect, it } from 'vitest';
import { getScenario, scenarios } from 'kms-custom-key-store-mock/scenarios';
import type { Scenario } from 'kms-custom-key-store-mock/scenarios';
import { formatDuration, outcomeLabel, sdkCall, toTypeScriptLiteral } from './describe';
import { playgroundPath, scenarioPagePath, withBase } from './links';
import { closestId, requireScenario, scenarioFor, UnknownScenarioError, type ScenarioComponentContext } from './lookup';
import { relatedScenarios } from './related';

describe('requireScenario', () => {
  it('returns the catalog entry for a known id', () => {
    expect(requireScenario('user-logged-in', 'Symptom').id).toBe('user-logged-in');
  });

  it('fails with the component, the page and a likely intended id for a typo', () => {
    expect(() => requireScenario('user-loged-in', 'Symptom', '/scenarios/x/')).toThrow(
      /<Symptom> on \/scenarios\/x\/: unknown scenario id "user-loged-in"\. Did you mean "user-logged-in"\?/,
    );
  });

  it('rejects a missing or empty id', () => {
    expect(() => requireScenario(undefined, 'TryIt')).toThrow(UnknownScenarioError);
    expect(() => requireScenario('  ', 'TryIt')).toThrow(/needs an `id` prop/);
  });

  it('suggests nothing for an id unlike any other', () => {
    expect(
      closestId(
        'completely-different-thing',
        scenarios.map((s) => s.id),
      ),
    ).toBeUndefined();
  });
});

describe('scenarioFor', () => {
  /** A component's view of its page: the `id` prop it got and the scenario the frontmatter names. */
  const onPage = (id: string | undefined, pageScenario: string | undefined): ScenarioComponentContext => ({
    props: id === undefined ? {} : { id },
    url: new URL('https://example.dev/guides/x/'),
    locals: { starlightRoute: { entry: { data: pageScenario === undefined ? {} : { scenario: pageScenario } } } },
  });

  it("shows the scenario the page's frontmatter names", () => {
    expect(scenarioFor('Symptom', onPage(undefined, 'user-logged-in')).id).toBe('user-logged-in');
  });

  it('lets an `id` prop override the page, also on pages that name no scenario', () => {
    expect(scenarioFor('TryIt', onPage('healthy', 'user-logged-in')).id).toBe('healthy');
    expect(scenarioFor('TryIt', onPage('healthy', undefined)).id).toBe('healthy');
  });

  it('reads no route data when the `id` prop is given, so it works outside Starlight pages too', () => {
    const outsideStarlight: ScenarioComponentContext = {
      ...onPage('healthy', undefined),
      locals: {
        get starlightRoute(): never {
          throw new Error('`Astro.locals.starlightRoute` is not available on this page');
        },
      },
    };
    expect(scenarioFor('TryIt', outsideStarlight).id).toBe('healthy');
  });

  it('fails the build for a component on a page that names no scenario', () => {
    expect(() => scenarioFor('Symptom', onPage(undefined, undefined))).toThrow(UnknownScenarioError);
    expect(() => scenarioFor('Symptom', onPage(undefined, undefined))).toThrow(
      /<Symptom> on \/guides\/x\/ does not know which scenario to show: the page's frontmatter names none\./,
    );
  });

  it('names the closest id for a typo in the frontmatter', () => {
    expect(() => scenarioFor('Related', onPage(undefined, 'user-loged-in'))).toThrow(
      /unknown scenario id "user-loged-in"\. Did you mean "user-logged-in"\?/,
    );
  });
});

describe('links', () => {
  it('prefix site paths with the base, whether or not it ends with a slash', () => {
    expect(withBase(scenarioPagePath('healthy'), '/')).toBe('/scenarios/healthy/');
    expect(withBase(scenarioPagePath('healthy'), '/kms-errors/')).toBe('/kms-errors/scenarios/healthy/');
    expect(withBase('/playground/', '/kms-errors')).toBe('/kms-errors/playground/');
  });

  it('puts the scenario id in the playground query', () => {
    expect(playgroundPath('user-logged-in')).toBe('playground/?scenario=user-logged-in');
  });
});

describe('relatedScenarios', () => {
  const byId = (id: string) => getScenario(id);

  it('lists group neighbours and, without an explicit list, scenarios ending in the same error', () => {
    const plain: Scenario = { ...byId('create-key-while-disconnected') };
    delete plain.related;
    const ids = relatedScenarios(plain, scenarios).map((s) => s.id);
    const group = scenarios.filter((s) => s.group === 'operations').map((s) => s.id);
    const position = group.indexOf(plain.id);
    expect(ids).toEqual(expect.arrayContaining([group[position - 1], group[position + 1]].filter(Boolean)));
    expect(ids).not.toContain(plain.id);
    expect(ids.length).toBeLessThanOrEqual(6);
    for (const id of ids) {
      const other = byId(id);
      expect(other.group === 'operations' || other.expected.error === plain.expected.error).toBe(true);
    }
  });

  it("starts with the scenario's own related list", () => {
    const scenario: Scenario = { ...byId('user-logged-in'), related: ['user-locked-out', 'healthy'] };
    expect(
      relatedScenarios(scenario, scenarios)
        .slice(0, 2)
        .map((s) => s.id),
    ).toEqual(['user-locked-out', 'healthy']);
  });

  it('fails on a related id the catalog does not have', () => {
    const scenario: Scenario = { ...byId('user-logged-in'), related: ['no-such-page'] };
    expect(() => relatedScenarios(scenario, scenarios)).toThrow(/unknown related scenario "no-such-page"/);
  });
});

describe('describe helpers', () => {
  it('formats durations in words', () => {
    expect(formatDuration(7 * 86_400_000 + 60_000)).toBe('7 days 1 minute');
    expect(formatDuration(90_000)).toBe('1 minute 30 seconds');
    expect(formatDuration(250)).toBe('250 ms');
  });

  it('writes a request the way a reader would, bytes included', () => {
    const call = sdkCall('Encrypt', { KeyId: 'k', Plaintext: new TextEncoder().encode('4111'), Limit: 3 });
    expect(call).toBe(
      'await kms.send(new EncryptCommand({\n  KeyId: "k",\n  Plaintext: new TextEncoder().encode("4111"),\n  Limit: 3,\n}));',
    );
    expect(toTypeScriptLiteral({ 'odd-key': [new Uint8Array([0, 255])] })).toBe(
      '{\n  "odd-key": [\n    new Uint8Array([0, 255]),\n  ],\n}',
    );
    expect(toTypeScriptLiteral({ KeyId: 'k', Grants: [], Tags: [{ TagKey: 'a' }] }, { inline: true })).toBe(
      '{ KeyId: "k", Grants: [], Tags: [{ TagKey: "a" }] }',
    );
  });

  it('names what the reader meets: the exception, or the FAILED state and its code', () => {
    expect(outcomeLabel(getScenario('connect-while-failed'))).toBe('CustomKeyStoreInvalidStateException');
    expect(outcomeLabel(getScenario('user-logged-in'))).toBe('ConnectionState FAILED, ConnectionErrorCode USER_LOGGED_IN');
  });
});
