/** The version reported by the API, agents' heartbeats and `ganzhi --version`. */
export const GANZHI_VERSION = '0.1.0';
