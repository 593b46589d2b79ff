/** The figures of DOMAIN.md: call figures, ticket figures and their shared arithmetic. */
export * from './kpi-math';
export * from './call-kpi';
export * from './ticket-kpi';
