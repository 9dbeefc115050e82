/** Driving ports: what adapters call ({@link dev.hotplex.core.port.in.Engine}) and hand in ({@link dev.hotplex.core.port.in.EventSink}). */
package dev.hotplex.core.port.in;
