// A ranking as a table: the rank, what is ranked (the row's header: a contribution, a person),
// then its numbers, right-aligned. The campaign page shows two: contributions by score and
// participants by points. On a phone each row becomes a card (.card-table), its figures labelled.
import type { ReactNode } from 'react'
import { useFormat } from '../i18n/format'

export interface RankingColumn<Row> {
  header: string
  cell: (row: Row) => ReactNode
}

interface RankingTableProps<Row> {
  rows: readonly Row[]
  rowKey: (row: Row) => string
  rank: (row: Row) => number
  rankHeader: string
  /** What is ranked: the row's header cell. */
  name: RankingColumn<Row>
  /** The figures after the name. */
  numbers: readonly RankingColumn<Row>[]
}

export function RankingTable<Row>({ rows, rowKey, rank, rankHeader, name, numbers }: RankingTableProps<Row>) {
  const format = useFormat()
  return (
    <div className="table-scroll">
      <table className="card-table">
        <thead>
          <tr>
            <th scope="col">{rankHeader}</th>
            <th scope="col">{name.header}</th>
            {numbers.map((column) => (
              <th key={column.header} scope="col" className="num">
                {column.header}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={rowKey(row)}>
              <td data-label={rankHeader}>{format.number(rank(row))}</td>
              <th scope="row">{name.cell(row)}</th>
              {numbers.map((column) => (
                <td key={column.header} className="num" data-label={column.header}>
                  {column.cell(row)}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  )
}
