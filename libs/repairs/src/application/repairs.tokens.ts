export const REPAIRS_POLICY = Symbol('REPAIRS_POLICY');
