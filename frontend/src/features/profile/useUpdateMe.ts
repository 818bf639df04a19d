import { useMutation, useQueryClient } from '@tanstack/react-query'
import { api } from '../../api/client'
import { unwrap } from '../../api/errors'
import type { Schemas } from '../../api/types'
import { accountQuery } from '../auth/useMe'

export function useUpdateMe() {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: (body: Schemas['UpdateMeRequest']) => unwrap(api.PATCH('/api/v1/me', { body })),
    onSuccess: (me) => queryClient.setQueryData(accountQuery.queryKey, me),
  })
}
