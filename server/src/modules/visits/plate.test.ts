import { describe, expect, it } from 'vitest';
import { checkPlate } from './plate.js';

describe('checkPlate', () => {
  it('accepts ordinary, special and new-energy plates, normalising spaces and case', () => {
    expect(checkPlate('浙A 12345')).toEqual({ ok: true, plate: '浙A12345', isNewEnergy: false });
    expect(checkPlate('粤b·ab123')).toEqual({ ok: true, plate: '粤BAB123', isNewEnergy: false });
    expect(checkPlate('京A1234学')).toMatchObject({ ok: true });
    expect(checkPlate('沪AD12345')).toEqual({ ok: true, plate: '沪AD12345', isNewEnergy: true });
    expect(checkPlate('沪AF1A234')).toEqual({ ok: false, rule: 'new_energy_format' });
    expect(checkPlate('苏E12345F')).toEqual({ ok: true, plate: '苏E12345F', isNewEnergy: true });
  });

  it('says which rule a wrong plate breaks', () => {
    expect(checkPlate('')).toEqual({ ok: false, rule: 'empty' });
    expect(checkPlate('A123456')).toEqual({ ok: false, rule: 'province' });
    expect(checkPlate('浙I12345')).toEqual({ ok: false, rule: 'authority' });
    expect(checkPlate('浙A1234')).toEqual({ ok: false, rule: 'length' });
    expect(checkPlate('浙A12O45')).toEqual({ ok: false, rule: 'characters' });
    expect(checkPlate('浙AX12345')).toEqual({ ok: false, rule: 'new_energy_format' });
  });
});
