/** The dashboard, widget and query shapes are the API's: they live in the contract (contract/dashboard.ts). */
export * from '@atlas-sharing/contract';
