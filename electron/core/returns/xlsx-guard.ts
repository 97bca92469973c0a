/** The xlsx guard now lives in ./guard/; this module keeps the old import path working. */
export * from './guard';
