import type { Activation } from '../spec.ts';

export const sigmoid = (x: number): number => 1 / (1 + Math.exp(-x));

export function activate(kind: Activation, x: number): number {
  switch (kind) {
    case 'tanh':
      return Math.tanh(x);
    case 'sigmoid':
      return sigmoid(x);
    case 'relu':
      return x > 0 ? x : 0;
    case 'linear':
      return x;
  }
}

/** f'(a) written in terms of the output y = f(a) where possible, as BPTT stores outputs. */
export function derivative(kind: Activation, y: number): number {
  switch (kind) {
    case 'tanh':
      return 1 - y * y;
    case 'sigmoid':
      return y * (1 - y);
    case 'relu':
      return y > 0 ? 1 : 0;
    case 'linear':
      return 1;
  }
}

/**
 * γ, the bound on |f'| used in the lecture's ‖∂s_t/∂s_k‖ ≤ (γ·σ_max(W_rec))^(t−k) argument:
 * 1 for tanh, ReLU and linear, 1/4 for the logistic sigmoid.
 */
export function derivativeBound(kind: Activation): number {
  return kind === 'sigmoid' ? 0.25 : 1;
}
