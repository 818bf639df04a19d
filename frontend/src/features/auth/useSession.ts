// The session as React state: re-renders when someone signs in or out (in this tab or another).
import { useSyncExternalStore } from 'react'
import { getEndReason, isSignedIn, subscribe, type EndReason } from '../../api/session'

export function useSignedIn(): boolean {
  return useSyncExternalStore(subscribe, isSignedIn)
}

export function useSessionEndReason(): EndReason {
  return useSyncExternalStore(subscribe, getEndReason)
}
