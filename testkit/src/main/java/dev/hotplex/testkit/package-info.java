/**
 * Hand-written fakes of the core ports, shared by every module's tests instead of a mocking library.
 *
 * <p>Fakes behave like the real thing (asynchronous turns, one completion per turn, running cost
 * totals, dying processes) and record what they were asked, so tests assert outcomes rather than
 * call sequences. Everything here is thread-safe and waits with locks and conditions, never by polling.
 */
package dev.hotplex.testkit;
