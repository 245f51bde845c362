// An API client: axios configuration with XSRF header names and an auth interceptor.
import axios, { type AxiosRequestConfig } from 'axios';

const config: AxiosRequestConfig = {
  baseURL: process.env.API_URL ?? 'http://127.0.0.1:3000',
  timeout: 10_000,
  xsrfCookieName: 'XSRF-TOKEN',
  xsrfHeaderName: 'X-XSRF-TOKEN',
  withCredentials: true,
};

export const api = axios.create(config);
api.defaults.xsrfHeaderName = 'X-CSRF-Token';

export function withToken(token: string, headerName = 'Authorization') {
  api.interceptors.request.use((request) => {
    request.headers.set(headerName, headerName === 'Authorization' ? `Bearer ${token}` : token);
    return request;
  });
}
