/**
 * Chinese licence plates (车牌): province abbreviation, issuing-authority letter, then five
 * characters (ordinary plates, the last may be 学/警/挂/港/澳) or six for new-energy vehicles
 * (small: D or F, a letter or digit, four digits; large: five digits, then D or F).
 * Letters I and O are never used. A refusal names the rule that failed.
 */
export type PlateRule = 'empty' | 'province' | 'authority' | 'length' | 'characters' | 'new_energy_format';

export type PlateCheck = { ok: true; plate: string; isNewEnergy: boolean } | { ok: false; rule: PlateRule };

const PROVINCES = '京津沪渝冀豫云辽黑湘皖鲁新苏浙赣鄂桂甘晋蒙陕吉闽贵粤青藏川宁琼';
const ALNUM = '[A-HJ-NP-Z0-9]';

export function normalizePlate(raw: string): string {
  return raw.replace(/[\s·•.-]/g, '').toUpperCase();
}

export function checkPlate(raw: string): PlateCheck {
  const plate = normalizePlate(raw);
  if (plate.length === 0) return { ok: false, rule: 'empty' };
  const chars = [...plate];
  if (!PROVINCES.includes(chars[0]!)) return { ok: false, rule: 'province' };
  if (!/^[A-HJ-NP-Z]$/.test(chars[1] ?? '')) return { ok: false, rule: 'authority' };
  const rest = chars.slice(2).join('');
  if (chars.length === 7) {
    if (new RegExp(`^${ALNUM}{4}(${ALNUM}|[学警挂港澳])$`).test(rest)) return { ok: true, plate, isNewEnergy: false };
    return { ok: false, rule: 'characters' };
  }
  if (chars.length === 8) {
    if (new RegExp(`^[DF]${ALNUM}[0-9]{4}$`).test(rest) || /^[0-9]{5}[DF]$/.test(rest)) return { ok: true, plate, isNewEnergy: true };
    return { ok: false, rule: 'new_energy_format' };
  }
  return { ok: false, rule: 'length' };
}
