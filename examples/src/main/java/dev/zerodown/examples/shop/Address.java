package dev.zerodown.examples.shop;

/** Where a customer's parcels go. */
public record Address(String street, String city, String postalCode, String country) {
}
