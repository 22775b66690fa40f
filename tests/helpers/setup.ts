import fc from 'fast-check';

// A failed property names its counterexample and also what went wrong with it
// (the assertion's message and diff); without this the report stops at the counterexample.
fc.configureGlobal({ includeErrorInReport: true });
