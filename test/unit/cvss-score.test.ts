import { describe, expect, it } from 'vitest';
import { cvss2Base, cvss2Temporal, cvss3Base, cvss3Temporal, roundup } from '../../src/knowledge-base/cvss-score.js';

// Scores of known vectors: FIRST's specification examples and its calculators.
describe('CVSS v3.1 scores', () => {
  it.each([
    ['CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H', 9.8],
    ['CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:C/C:H/I:H/A:H', 10.0],
    ['AV:L/AC:L/PR:L/UI:N/S:U/C:L/I:L/A:N', 4.4],
    ['CVSS:3.1/AV:N/AC:L/PR:N/UI:R/S:C/C:L/I:L/A:N', 6.1],
    ['CVSS:3.1/AV:L/AC:L/PR:L/UI:N/S:U/C:H/I:H/A:H', 7.8],
    ['CVSS:3.1/AV:N/AC:H/PR:N/UI:N/S:U/C:H/I:N/A:N', 5.9],
    ['CVSS:3.1/AV:P/AC:H/PR:H/UI:R/S:U/C:L/I:N/A:N', 1.6],
    ['CVSS:3.1/AV:N/AC:L/PR:L/UI:N/S:C/C:H/I:H/A:H', 9.9],
    ['CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:N/I:N/A:N', 0],
  ])('%s scores %d', (vector, base) => expect(cvss3Base(vector)).toBe(base));

  it('rounds up to one decimal without float error (Appendix A)', () => {
    expect(roundup(4.000000000000001)).toBe(4.0);
    expect(roundup(4.02)).toBe(4.1);
    expect(roundup(4.0)).toBe(4.0);
  });

  it('takes the temporal metrics, never above the base', () => {
    expect(cvss3Temporal('CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H/E:U/RL:O/RC:C')).toBe(8.5);
    expect(cvss3Temporal('CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H')).toBe(9.8);
  });

  it('refuses a vector without a metric it needs', () => {
    expect(() => cvss3Base('CVSS:3.1/AV:N/AC:L/PR:N/UI:N/C:H/I:H/A:H')).toThrow('S');
    expect(() => cvss3Base('CVSS:3.1/AV:Q/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H')).toThrow('AV');
  });
});

describe('CVSS v2 scores', () => {
  it.each([
    ['AV:N/AC:L/Au:N/C:C/I:C/A:C', 10.0],
    ['AV:N/AC:M/Au:N/C:N/I:P/A:N', 4.3],
    ['CVSS:2.0/AV:N/AC:L/Au:N/C:P/I:N/A:N', 5.0],
    ['AV:L/AC:L/Au:N/C:C/I:C/A:C', 7.2],
    ['AV:N/AC:L/Au:N/C:P/I:P/A:P', 7.5],
    ['AV:N/AC:L/Au:N/C:N/I:N/A:N', 0],
  ])('%s scores %d', (vector, base) => expect(cvss2Base(vector)).toBe(base));

  it('takes the temporal metrics (the v2 guide: CVE-2002-0392 example, 7.8 to 6.4)', () => {
    expect(cvss2Base('AV:N/AC:L/Au:N/C:N/I:N/A:C')).toBe(7.8);
    expect(cvss2Temporal('AV:N/AC:L/Au:N/C:N/I:N/A:C/E:F/RL:OF/RC:C')).toBe(6.4);
  });
});
