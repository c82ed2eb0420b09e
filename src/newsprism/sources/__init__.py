"""Where raw records come from: files and folders, URLs, feeds, sitemaps, web archives, stdin."""
