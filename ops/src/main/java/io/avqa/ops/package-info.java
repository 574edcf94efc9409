/** Operations support shared by every service: layered configuration and the health/ready/metrics endpoint. */
package io.avqa.ops;
