// The two mljs packages ship no type declarations; these cover the parts the engine uses.

declare module 'ml-isolation-forest' {
  export class IsolationForest {
    constructor(options?: { nEstimators?: number });
    /** Builds the trees from `trainingSet` (draws split points with Math.random). */
    train(trainingSet: number[][]): void;
    /** Anomaly score per row in (0, 1]: about 0.5 is ordinary, nearer 1 is easier to isolate. */
    predict(data: number[][]): number[];
  }
}

declare module 'ml-regression' {
  export class MultivariateLinearRegression {
    constructor(x: number[][], y: number[][], options?: { intercept?: boolean; statistics?: boolean });
    weights: number[][];
    predict(x: number[]): number[];
    predict(x: number[][]): number[][];
  }
}
