import { describe, expect, it } from 'vitest';
import { fleetScenario, scenarioByName } from './scenario';

describe('scenarios: a fleet polls as msdb allows (10..28,800 s)', () => {
  it('refuses a poll interval msdb would refuse, with its 14266 wording', () => {
    expect(() => scenarioByName('fleet-5-0')).toThrow(/'@value' is invalid \(valid values are: 10\.\.28800\)/);
    expect(() => scenarioByName('fleet-5-9')).toThrow(RangeError);
    expect(() => scenarioByName('fleet-5-28801')).toThrow(RangeError);
    expect(() => fleetScenario(5, 12.5)).toThrow(RangeError);
  });

  it('takes the bounds themselves', () => {
    expect(scenarioByName('fleet-3-10')?.targets.every((t) => t.pollInterval === 10)).toBe(true);
    expect(scenarioByName('fleet-3-28800')?.targets[0].pollInterval).toBe(28800);
    expect(scenarioByName('fleet-3')?.targets).toHaveLength(3);
  });
});
