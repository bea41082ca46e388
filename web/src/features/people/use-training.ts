import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { queryKeys } from '../../shared/api/query-keys';
import { shiftsApi } from '../../shared/api/shifts-endpoints';

/** 岗前培训 by default: the BI norms and the project's basics, before anyone works a post. */
export const PRE_JOB_TOPIC = 'BI 规范及楼盘基本情况';

export function useTraining(siteId: string, personId: string, options: { enabled?: boolean } = {}) {
  return useQuery({
    queryKey: queryKeys.training(siteId, personId),
    queryFn: () => shiftsApi.training.list(siteId, personId),
    enabled: options.enabled ?? true,
  });
}

export function useRecordPreJobTraining(siteId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ personId, topic }: { personId: string; topic: string }) => shiftsApi.training.record(siteId, personId, { kind: 'pre_job', topic }),
    onSuccess: (_record, { personId }) => {
      void queryClient.invalidateQueries({ queryKey: queryKeys.training(siteId, personId) });
      void queryClient.invalidateQueries({ queryKey: queryKeys.rosterRoot(siteId) }); // clears NO_PRE_JOB_TRAINING conflicts
    },
  });
}
