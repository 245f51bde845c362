import { bearerAuth } from '@authheaders/bearer';

// Assignments to headerName on objects that are not bearer-auth configurations are not marked.
export class CsrfGuard {
  private headerName: string;
  constructor(options: { headerName?: string } = {}) {
    this.headerName = options.headerName ?? 'x-csrf-token';
  }
}

const column = { field: 'name', headerName: 'Name' };
column.headerName = 'Full name';

let mutable = { validateToken: async () => true };
export const auth = bearerAuth(mutable);
mutable.headerName = 'x-a';
