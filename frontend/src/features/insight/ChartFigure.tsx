// A chart with its text alternative: the drawing is for the eye only (hidden from assistive
// technology, out of the tab order), and the same numbers follow as a table that screen readers
// read, or that everyone sees where `showTable` is set.
import { useId, type ReactNode } from 'react'
import { TableScroll } from '../../ui/TableScroll'

interface ChartFigureProps {
  /** What the chart shows, in a sentence. */
  caption: string
  chart: ReactNode
  /** The chart's numbers as text: a table, or a list of facts. */
  table: ReactNode
  showTable?: boolean
}

export function ChartFigure({ caption, chart, table, showTable }: ChartFigureProps) {
  const id = useId()
  return (
    <figure className="chart-figure" aria-labelledby={id}>
      <figcaption id={id} className="hint">
        {caption}
      </figcaption>
      <div className="chart" aria-hidden="true">
        {chart}
      </div>
      {showTable ? <TableScroll label={caption}>{table}</TableScroll> : <div className="visually-hidden">{table}</div>}
    </figure>
  )
}
