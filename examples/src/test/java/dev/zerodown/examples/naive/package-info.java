/**
 * The anti-examples: the naive version of each scenario. Each test runs its rollout under load
 * and asserts that Zerodown finds the transition unsafe, with the hazards that were measured, so
 * the build stays green while proving the detection works. They use
 * {@code @TransitionTest(defaultChecks = false)}: the default checks would fail the unsafe transition.
 */
package dev.zerodown.examples.naive;
