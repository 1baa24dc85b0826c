package dev.tollgate.gateway.failover;

import java.util.List;

/**
 * The failovers in force, as the control plane last published them (one DynamoDB item on AWS and locally:
 * {@link DynamoDbActiveFailovers}). Reads are cached: a change reaches every instance within the refresh
 * period (at most 10 seconds). Never touches the relational store; a failed read keeps the last known set.
 */
public interface ActiveFailovers {

    /** The published set, at most one per primary model. */
    List<ActiveFailover> current();

    /** Replaces the published set (the SLA collector, after each run that changed it). */
    void publish(List<ActiveFailover> failovers);
}
