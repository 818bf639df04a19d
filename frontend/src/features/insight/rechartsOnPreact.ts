// recharts keeps some of the elements it draws in its Redux store, whose state Immer freezes. React
// never writes to an element once made; Preact, which the app runs on (vite.config.ts), notes its
// place in the tree on it as it renders it, and a frozen one throws. So the charts' state is left
// unfrozen. Every module that imports recharts imports this first.
import { setAutoFreeze } from 'immer'

setAutoFreeze(false)
