// A data-grid page: column definitions with headerName, and a column whose header is set later.
import { useMemo, useState } from 'react';
import { AgGridReact } from 'ag-grid-react';
import type { ColDef, ValueFormatterParams } from 'ag-grid-community';

interface Trade {
  symbol: string;
  price: number;
  quantity: number;
  bearerPrefixRequired?: boolean;
}

const currency = (params: ValueFormatterParams<Trade, number>) => `$${(params.value ?? 0).toFixed(2)}`;

export function TradesGrid({ rows, locale }: { rows: Trade[]; locale: string }) {
  const [quickFilter, setQuickFilter] = useState('');
  const columnDefs = useMemo<ColDef<Trade>[]>(() => {
    const defs: ColDef<Trade>[] = [
      { field: 'symbol', headerName: 'Symbol', pinned: 'left', filter: true },
      { field: 'price', headerName: 'Price', valueFormatter: currency, type: 'rightAligned' },
      { field: 'quantity', headerName: 'Qty', editable: true },
    ];
    const qty = defs[2]!;
    qty.headerName = locale === 'de' ? 'Menge' : 'Quantity';
    return defs;
  }, [locale]);

  return (
    <div className="ag-theme-quartz" style={{ height: 480 }}>
      <input value={quickFilter} onChange={(e) => setQuickFilter(e.target.value)} placeholder="Filter" />
      <AgGridReact<Trade> rowData={rows} columnDefs={columnDefs} quickFilterText={quickFilter} defaultColDef={{ headerName: '', resizable: true }} />
    </div>
  );
}
