package dev.tollgate.analytics.budget;

/**
 * Subscribes a budget's {@code alert_email} to the alerts of that budget's scope: on AWS an SNS e-mail
 * subscription with a filter policy on the alert's message attributes; locally the subscription is
 * printed (there is no mail server).
 */
public interface AlertSubscriptions {

    /**
     * @param entityType team, user, key, customer, tag or global
     * @param scopeId    the id its alerts carry ({@code scope_id}): the entity id, a key's stable key id, {@code global}
     */
    void subscribe(String email, String entityType, String scopeId);
}
