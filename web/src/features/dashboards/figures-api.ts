/**
 * A site's figures and the company dashboard through the API. Both are computed on request over a
 * range; a figure of the past does not change, so they are kept a minute before refetching.
 */
import { useQuery } from '@tanstack/react-query';
import type { CompanyDashboard, SiteFigures } from '@anchang/contracts';
import { http } from '../../shared/api/client';

export interface DateRange {
  from: string;
  to: string;
}

export const figuresKeys = {
  site: (siteId: string, range: DateRange) => ['site', siteId, 'figures', range.from, range.to] as const,
  company: (companyId: string, range: DateRange) => ['company', companyId, 'dashboard', range.from, range.to] as const,
};

export const figuresApi = {
  site: (siteId: string, range: DateRange) => http.get<SiteFigures>(`/sites/${encodeURIComponent(siteId)}/figures`, { ...range }),
  company: (companyId: string, range: DateRange) => http.get<CompanyDashboard>(`/companies/${encodeURIComponent(companyId)}/dashboard`, { ...range }),
};

export function useSiteFigures(siteId: string, range: DateRange) {
  return useQuery({ queryKey: figuresKeys.site(siteId, range), queryFn: () => figuresApi.site(siteId, range), staleTime: 60_000 });
}

export function useCompanyDashboard(companyId: string, range: DateRange) {
  return useQuery({ queryKey: figuresKeys.company(companyId, range), queryFn: () => figuresApi.company(companyId, range), staleTime: 60_000 });
}
