import { describe, expect, it } from 'vitest';
import { fillSitePlaceholders, projectNameOf } from './site-placeholders';

describe('fillSitePlaceholders', () => {
  it("puts the site's name where the library says XX 销售中心", () => {
    expect(fillSitePlaceholders('问候起始语:“先生/小姐/女士 早上好,这里是 XX 销售中心,这边请”', '滨江壹号售楼处')).toBe(
      '问候起始语:“先生/小姐/女士 早上好,这里是滨江壹号售楼处,这边请”',
    );
    expect(fillSitePlaceholders('Opening greeting: “Good morning, welcome to the XX sales center, this way please”', '滨江壹号售楼处')).toBe(
      'Opening greeting: “Good morning, welcome to 滨江壹号售楼处, this way please”',
    );
  });

  it("puts the project's name before 项目 and 样板房", () => {
    expect(fillSitePlaceholders('上车问好“欢迎您来到 XX 项目”', '滨江壹号售楼处')).toBe('上车问好“欢迎您来到滨江壹号项目”');
    expect(fillSitePlaceholders('鞠躬“欢迎光顾 XX 样板房”', '滨江壹号销售中心')).toBe('鞠躬“欢迎光顾滨江壹号样板房”');
    expect(fillSitePlaceholders('“Welcome to the XX model room”', '滨江壹号售楼处')).toBe('“Welcome to the 滨江壹号 model room”');
  });

  it('leaves the text alone without a site name or a placeholder', () => {
    expect(fillSitePlaceholders('这里是 XX 销售中心', undefined)).toBe('这里是 XX 销售中心');
    expect(fillSitePlaceholders('检查 TECH 设备', '滨江壹号售楼处')).toBe('检查 TECH 设备');
  });

  it('uses the whole name when it has no usual suffix', () => {
    expect(projectNameOf('海棠湾')).toBe('海棠湾');
    expect(projectNameOf('售楼处')).toBe('售楼处');
  });
});
