import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { peopleApi, peopleKeys } from './people-api';
import { rosterKeys } from '../roster/roster-api';

/** 岗前培训 by default: the BI norms and the project's basics, before anyone works a post. */
export const PRE_JOB_TOPIC = 'BI 规范及楼盘基本情况';

export function useTraining(siteId: string, personId: string, options: { enabled?: boolean } = {}) {
  return useQuery({
    queryKey: peopleKeys.training(siteId, personId),
    queryFn: () => peopleApi.training(siteId, personId),
    enabled: options.enabled ?? true,
  });
}

export function useRecordPreJobTraining(siteId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ personId, topic }: { personId: string; topic: string }) => peopleApi.recordTraining(siteId, personId, { kind: 'pre_job', topic }),
    onSuccess: (_record, { personId }) => {
      void queryClient.invalidateQueries({ queryKey: peopleKeys.training(siteId, personId) });
      void queryClient.invalidateQueries({ queryKey: rosterKeys.root(siteId) }); // clears NO_PRE_JOB_TRAINING conflicts
    },
  });
}
