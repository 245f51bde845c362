// A document browser's table view: column definitions are built per field, and header names change on rename.
import React from 'react';

type FieldPath = string[];

interface ColumnDefinition {
  headerName: string;
  colId: string;
  headerTooltip?: string;
  width: number;
  hide?: boolean;
}

export class DocumentTableColumns {
  private readonly columns = new Map<string, ColumnDefinition>();

  addColumn(path: FieldPath, type: string): ColumnDefinition {
    const colId = path.join('.');
    const column: ColumnDefinition = { headerName: path[path.length - 1] ?? colId, colId, headerTooltip: `${colId} (${type})`, width: 200 };
    this.columns.set(colId, column);
    return column;
  }

  renameColumn(colId: string, newName: string): void {
    const column = this.columns.get(colId);
    if (column === undefined) return;
    column.headerName = newName;
    column.colId = colId.replace(/[^.]+$/, newName);
  }

  header(colId: string): React.ReactElement {
    const column = this.columns.get(colId);
    return <span title={column?.headerTooltip}>{column?.headerName}</span>;
  }
}
