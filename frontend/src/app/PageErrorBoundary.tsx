// Pages load on the way to them (routes.ts): a chunk that cannot be fetched (offline, or replaced
// by a newer release) shows why in <main>, with a retry that loads the app anew, instead of taking
// the whole app down; the header stays, and going elsewhere clears it.
import { Component, type ReactNode } from 'react'
import { ErrorAlert } from '../ui/QueryStates'

interface Props {
  /** Where the router is: a new place clears the error. */
  at: string
  children: ReactNode
}

interface State {
  error: unknown
  at: string
}

export class PageErrorBoundary extends Component<Props, State> {
  state: State = { error: null, at: this.props.at }

  static getDerivedStateFromError(error: unknown): Partial<State> {
    return { error }
  }

  static getDerivedStateFromProps(props: Props, state: State): Partial<State> | null {
    return props.at === state.at ? null : { error: null, at: props.at }
  }

  render() {
    if (this.state.error === null) return this.props.children
    return <ErrorAlert error={this.state.error} onRetry={() => window.location.reload()} />
  }
}
