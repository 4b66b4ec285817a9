import { RmBudgetSim } from './budget-sim.js';

export { RmBudgetSim };
if (!customElements.get('rm-budget-sim')) customElements.define('rm-budget-sim', RmBudgetSim);

declare global {
  interface HTMLElementTagNameMap {
    'rm-budget-sim': RmBudgetSim;
  }
}
