/**
 * Cells of the operation × state table that AWS does not document are shown as the simulation's
 * choice wherever the built site shows them: the Reference matrix and the scenario pages whose
 * state tables read the rule. Read from the built HTML, against the transition table.
 */
import { describe, expect, it } from 'vitest';
import { undocumentedLabel } from '~/components/reference/state-guide';
import { OPERATION_RULES, undocumentedCells } from 'kms-custom-key-store-mock/core';
import { pageText } from './built-site';

const occurrences = (text: string, needle: string) => text.split(needle).length - 1;

describe('cells AWS does not document', () => {
  const cells = undocumentedCells();

  it('the Reference matrix marks each one "Not documented — the simulation …", and no other cell', async () => {
    const text = await pageText('reference');
    for (const label of new Set(cells.map((cell) => undocumentedLabel(cell.verdict)))) {
      const expected = cells.filter((cell) => undocumentedLabel(cell.verdict) === label).length;
      expect(occurrences(text, label), label).toBe(expected);
    }
  });

  it('connect-while-failed shows Connect while CONNECTING and CONNECTED as the simulation’s choice', async () => {
    const text = await pageText('scenarios/connect-while-failed');
    const connect = OPERATION_RULES.find((rule) => rule.operation === 'ConnectCustomKeyStore')!;
    expect(text).toContain(`CONNECTING ${undocumentedLabel(connect.verdicts.CONNECTING)}`);
    expect(text).toContain(`CONNECTED ${undocumentedLabel(connect.verdicts.CONNECTED)}`);
    expect(text).toMatch(/DISCONNECTED Allowed/);
  });

  it('update-while-connected and xks-proxy-invalid-configuration show Update on a FAILED store as the simulation’s choice', async () => {
    const update = OPERATION_RULES.find((rule) => rule.operation === 'UpdateCustomKeyStore')!;
    const label = undocumentedLabel(update.verdicts.FAILED);
    for (const page of ['scenarios/update-while-connected', 'scenarios/xks-proxy-invalid-configuration']) {
      const text = await pageText(page);
      expect(text, page).toContain(`${label} ( UpdateCustomKeyStore while FAILED )`);
      expect(text, page).toContain(update.undocumented!.FAILED!);
    }
  });
});
