package io.shopdr.agent.replication;

/**
 * What one standby has of its primary's transactions: {@code received} is what its receiver wrote to the relay log
 * (MariaDB {@code Gtid_IO_Pos}, MySQL {@code Retrieved_Gtid_Set}; its executed position when nothing was received
 * yet), {@code lagSeconds} its applier lag (null when unknown) and {@code missing} the number of transactions of a
 * reference position (e.g. the primary's last observed commit) it has not received (null without a reference).
 */
public record StandbyReceipt(Endpoint replica, String received, Long lagSeconds, Long missing) {}
