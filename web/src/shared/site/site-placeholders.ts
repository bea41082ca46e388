/**
 * The SOP library is written for any site, with "XX" where the site's name goes (这里是 XX 销售中心,
 * 欢迎您来到 XX 项目, 欢迎光顾 XX 样板房). A person reading it at a site sees that site's name there.
 * Only read-only views fill it in: an editor keeps the placeholder so the standard stays reusable.
 */

// What a site's name usually ends with; without it, the rest is the project's own name (滨江壹号).
const SITE_SUFFIX = /\s*(售楼处|销售中心|营销中心|案场|展示中心|sales (centre|center|office))$/i;

/** The project's name inside a site's name: 滨江壹号售楼处 → 滨江壹号. */
export function projectNameOf(siteName: string): string {
  const project = siteName.trim().replace(SITE_SUFFIX, '').trim();
  return project || siteName.trim();
}

/** A standard's text with the library's "XX" placeholders replaced by this site's name. */
export function fillSitePlaceholders(text: string, siteName: string | null | undefined): string {
  const name = siteName?.trim();
  if (!name || !text.includes('XX')) return text;
  const project = projectNameOf(name);
  return (
    text
      // The whole place: 这里是 XX 销售中心 / welcome to the XX sales center.
      .replace(/\s*XX\s*(销售中心|售楼处)\s*/g, name)
      .replace(/\bthe XX sales cent(er|re)\b/gi, name)
      // A part of it: XX 项目 / XX 样板房 / the XX project.
      .replace(/\s*XX\s*(?=[\u4e00-\u9fff])/g, project)
      .replace(/\bXX\b/g, project)
  );
}
