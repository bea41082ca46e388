/**
 * Customers' personal information (PIPL) through the API: the site's customers found by phone,
 * their export (JSON or a workbook), a withdrawal of consent, an erasure. Everything lives under
 * ['site', id, 'customers'], refetched after each change.
 */
import { useInfiniteQuery, useMutation, useQueryClient } from '@tanstack/react-query';
import type { Customer, CustomerErasure, CustomerExport, PageOf } from '@anchang/contracts';
import { ApiError, http, request } from '../../shared/api/client';

const base = (siteId: string) => `/sites/${encodeURIComponent(siteId)}/customers`;
const one = (siteId: string, customerId: string) => `${base(siteId)}/${encodeURIComponent(customerId)}`;

export const customerKeys = {
  root: (siteId: string) => ['site', siteId, 'customers'] as const,
  list: (siteId: string, phone: string) => ['site', siteId, 'customers', 'list', phone] as const,
};

export const customersApi = {
  list: (siteId: string, p: { phone?: string; cursor: string | null; limit: number }) =>
    http.get<PageOf<Customer>>(base(siteId), { phone: p.phone, cursor: p.cursor ?? undefined, limit: p.limit }),
  exportJson: (siteId: string, customerId: string) => http.get<CustomerExport>(`${one(siteId, customerId)}/export`),
  withdraw: (siteId: string, customerId: string) => http.post<Customer>(`${one(siteId, customerId)}/withdraw-consent`),
  erase: (siteId: string, customerId: string) => request<CustomerErasure>('DELETE', one(siteId, customerId)),
  /** The workbook as bytes (the session cookie goes with it), so a refusal shows as an error, not a page. */
  exportXlsx: async (siteId: string, customerId: string, lang: string): Promise<Blob> => {
    // `lang`: the workbook is written in the reader's UI language.
    const res = await fetch(`/api${one(siteId, customerId)}/export.xlsx?lang=${encodeURIComponent(lang)}`, { credentials: 'same-origin' });
    if (!res.ok) {
      const body = (await res.json().catch(() => null)) as { error?: { code?: string; message?: string } } | null;
      throw new ApiError(res.status, body?.error?.code ?? 'UNKNOWN', {}, body?.error?.message ?? res.statusText);
    }
    return res.blob();
  },
};

export function useCustomers(siteId: string, phone: string) {
  return useInfiniteQuery({
    queryKey: customerKeys.list(siteId, phone),
    queryFn: ({ pageParam }) => customersApi.list(siteId, { phone: phone || undefined, cursor: pageParam, limit: 30 }),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
  });
}

export function useCustomerActions(siteId: string) {
  const queryClient = useQueryClient();
  const refresh = () => void queryClient.invalidateQueries({ queryKey: customerKeys.root(siteId) });
  return {
    withdraw: useMutation({ mutationFn: (customerId: string) => customersApi.withdraw(siteId, customerId), onSettled: refresh }),
    erase: useMutation({ mutationFn: (customerId: string) => customersApi.erase(siteId, customerId), onSettled: refresh }),
  };
}

/** Hands a file to the browser's download. */
export function saveFile(blob: Blob, filename: string): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = filename;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}
