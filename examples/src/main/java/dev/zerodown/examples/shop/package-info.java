/**
 * What every version of the example shop shares: plain JDBC access and the {@link
 * dev.zerodown.examples.shop.Address} value. The schema the shop starts from is
 * {@code db/shop/V1__create_shop.sql}; each scenario package ({@code rename}, {@code notnull},
 * {@code index}, {@code foreignkey}, {@code split}, {@code bigint}) holds one subpackage per app
 * version, written against the schema that version expects.
 */
package dev.zerodown.examples.shop;
