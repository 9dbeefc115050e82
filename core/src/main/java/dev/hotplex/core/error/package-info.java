/** Typed errors with stable codes, shared by every module and mapped to wire shapes by the adapters. */
package dev.hotplex.core.error;
