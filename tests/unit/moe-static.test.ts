/**
 * The MoE chapter's committed, seeded records (static figures, sweeps): each was made by
 * its widget's seeded script (its folder's record.ts) at settings that must still be the widgets' own, and each
 * carries a hash of the weights after its first steps, which this test replays with the widgets' own
 * session code on the wasm backend (as the script ran). A changed model, data stream or seed changes a
 * hash: re-run the script and commit its outputs.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultValues } from '../../src/lib/params';
import { params as dsParams } from '../../src/widgets/moe-dense-sparse/params';
import dsRecorded from '../../src/widgets/moe-dense-sparse/static-run.json';
import { replayDsHash, type DsStaticRun } from '../../src/widgets/moe-dense-sparse/static-run';
import { params as labParams } from '../../src/widgets/moe-router-lab/params';
import labRecorded from '../../src/widgets/moe-router-lab/static-run.json';
import { replayHash, type LabRecord } from '../../src/widgets/moe-router-lab/static-run';
import { LAB_SWEEPS } from '../../src/widgets/moe-router-lab/sweeps';
import { params as tokensParams } from '../../src/widgets/moe-routing-tokens/params';
import tokensRecorded from '../../src/widgets/moe-routing-tokens/static-run.json';
import { replayTokensHash, type TokensRecord } from '../../src/widgets/moe-routing-tokens/static-run';
import { TOKENS_SWEEPS } from '../../src/widgets/moe-routing-tokens/sweeps';
import { useCpu, useWasm } from './claims/helpers';

const lab = labRecorded as unknown as LabRecord;
const ds = dsRecorded as unknown as DsStaticRun;
const tokens = tokensRecorded as unknown as TokensRecord;

beforeAll(useWasm);
afterAll(useCpu);

describe('router lab records', () => {
  const defaults = defaultValues(labParams);
  it('the figure is the default settings’ run, and replays', () => {
    expect(lab.run.settings).toEqual(defaults);
    expect(replayHash(defaults)).toBe(lab.run.hash);
  });
  it('the sweeps are the ones declared, at the current defaults, and each replays', () => {
    for (const [name, changes] of Object.entries(LAB_SWEEPS)) {
      expect(
        lab.sweeps[name].map((e) => e.change),
        name,
      ).toEqual(changes);
      for (const entry of lab.sweeps[name]) {
        expect(replayHash({ ...defaults, ...entry.change }), `${name} ${JSON.stringify(entry.change)}`).toBe(
          entry.hash,
        );
      }
    }
  });
});

describe('dense versus sparse record', () => {
  it('is the default settings’ run, and replays', () => {
    const defaults = defaultValues(dsParams);
    expect(ds.settings).toEqual(defaults);
    expect(replayDsHash(defaults)).toBe(ds.hash);
  });
});

describe('routing tokens records', () => {
  const defaults = defaultValues(tokensParams);
  it('the figure is the default settings’ run, the sweeps are the declared ones, and all replay', () => {
    expect(tokens.run.settings).toEqual(defaults);
    expect(replayTokensHash(defaults)).toBe(tokens.run.hash);
    expect(tokens.sweeps.map((s) => s.change)).toEqual(TOKENS_SWEEPS);
    for (const s of tokens.sweeps) {
      expect(s.run.settings).toEqual({ ...defaults, ...s.change });
      expect(replayTokensHash(s.run.settings)).toBe(s.run.hash);
    }
  });
});
