"""Networks' faces: the network pages and similar reports."""
