/**
 * The engine itself: {@link dev.hotplex.core.service.DefaultEngine} runs a bounded pool of hot
 * sessions over a provider, one turn at a time per session, with work dirs confined to the workspace
 * root, the firewall in front, and stats measured per turn and per session.
 */
package dev.hotplex.core.service;
