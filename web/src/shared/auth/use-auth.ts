/** Who is signed in, and signing in and out. The `me` query is null when nobody is. */
import { createContext, useContext } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { Me } from '@anchang/contracts';
import { api, type ChangePasswordInput, type LoginInput } from '../api/endpoints';
import { isApiError } from '../api/client';
import { isPersonalQuery, queryKeys } from '../api/query-keys';

export function useMeQuery() {
  return useQuery({
    queryKey: queryKeys.me,
    queryFn: async ({ signal }): Promise<Me | null> => {
      try {
        return await api.auth.me(signal);
      } catch (error) {
        if (isApiError(error) && error.status === 401) return null;
        throw error;
      }
    },
    staleTime: 60_000,
  });
}

export const MeContext = createContext<Me | null>(null);

/** The signed-in person. Only for components rendered inside an auth gate. */
export function useMe(): Me {
  const me = useContext(MeContext);
  if (!me) throw new Error('useMe() outside of an auth gate');
  return me;
}

export function useLogin() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: LoginInput) => api.auth.login(input),
    onSuccess: (me) => {
      // Another person may have used this tab before: nothing of theirs may show.
      queryClient.removeQueries({ predicate: (q) => isPersonalQuery(q.queryKey) });
      queryClient.setQueryData(queryKeys.me, me);
    },
  });
}

export function useLogout() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => api.auth.logout(),
    onSettled: () => {
      queryClient.removeQueries({ predicate: (q) => isPersonalQuery(q.queryKey) });
      queryClient.setQueryData(queryKeys.me, null);
    },
  });
}

export function useChangePassword() {
  return useMutation({ mutationFn: (input: ChangePasswordInput) => api.auth.changePassword(input) });
}
