-- One database per service, as in production.
CREATE DATABASE oasis_customer;
CREATE DATABASE oasis_order;
CREATE DATABASE oasis_notification;
