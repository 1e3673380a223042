/**
 * The mathematical models of customer analytics, as plain Java without Spring or a database: BG/NBD
 * ({@link dev.guanxi.crm.analytics.model.BgNbd}) and Gamma-Gamma ({@link dev.guanxi.crm.analytics.model.GammaGamma})
 * with discounted CLV ({@link dev.guanxi.crm.analytics.model.CustomerLifetimeValue}), the lifetimes-style purchase
 * summary ({@link dev.guanxi.crm.analytics.model.PurchaseSummary}), FP-Growth frequent itemsets and association rules
 * ({@link dev.guanxi.crm.analytics.model.FrequentItemsets}, {@link dev.guanxi.crm.analytics.model.AssociationRules},
 * {@link dev.guanxi.crm.analytics.model.CrossSell}) and k-means clustering with silhouette
 * ({@link dev.guanxi.crm.analytics.model.KMeans}, {@link dev.guanxi.crm.analytics.model.Standardizer},
 * {@link dev.guanxi.crm.analytics.model.Silhouette}).
 *
 * <p>Models are fitted once on arrays and then evaluated per customer without allocation, so that a scoring run can
 * score a million customers. Invalid input raises {@link java.lang.IllegalArgumentException} naming the offending
 * value; a fit that does not converge raises {@link dev.guanxi.crm.analytics.model.ModelFitException}.
 */
package dev.guanxi.crm.analytics.model;
