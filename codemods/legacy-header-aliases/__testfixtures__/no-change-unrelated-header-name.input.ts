// A data grid column: headerName here has nothing to do with authentication.
const columns = [
  { field: "price", headerName: "Price", width: 120 },
  { field: 'qty', headerName: 'Quantity' },
];

grid.setColumns({ headerName: "Name", sortable: true });
export default columns;
