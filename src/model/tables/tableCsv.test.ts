import { describe, expect, it } from 'vitest';
import { tableToCsv } from './tableCsv';
import type { TableData } from './tableTypes';

describe('tableToCsv', () => {
  it('writes the chosen rows in order with each type as pandas reads it, quoting only where needed', () => {
    const table: TableData = {
      rows: 3,
      columns: [
        { name: 'x', type: 'number', values: [0.1, NaN, -Infinity] },
        { name: 'label, "quoted"', type: 'string', values: ['a,b', 'say "hi"', null] },
        { name: 'ok', type: 'boolean', values: [true, false, null] },
        { name: 'scores', type: 'scores', width: 2, values: [[0.25, 0.75], null, [1, 0]] },
        { name: 'image', type: 'image', values: [{ hash: 'ab12', width: 2, height: 2, caption: null }, { hash: 'cd34', width: 100, height: 100, caption: null, type: 'image/webp' }, null] },
      ],
    };
    expect(tableToCsv(table, Uint32Array.of(2, 0, 1))).toBe(
      ['x,"label, ""quoted""",ok,scores,image', '-inf,,,"[1,0]",', '0.1,"a,b",true,"[0.25,0.75]",media/ab12.png', 'NaN,"say ""hi""",false,,media/cd34.webp', ''].join('\n'),
    );
  });
});
