// Capacity feature: the running index and capability index of every back-end system per month, the busiest day's
// CPU profile and per-host drill-down, and each system's capacity settings.
export { CapacityPage } from './components/capacity-page';
