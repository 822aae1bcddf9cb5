export { default as ScenarioIntro } from './ScenarioIntro.astro';
export { default as Symptom } from './Symptom.astro';
export { default as FixSteps } from './FixSteps.astro';
export { default as HandleInCode } from './HandleInCode.astro';
export { default as Related } from './Related.astro';
