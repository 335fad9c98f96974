/** The recurrent layers demos/sentiment offers, with no imports: schema.ts is part of the page's first bundle. */
export const CELLS = ['rnn', 'lstm', 'gru'] as const;
export type CellName = (typeof CELLS)[number];
export const CELL_LABELS: Record<CellName, string> = { rnn: 'SimpleRNN', lstm: 'LSTM', gru: 'GRU' };
