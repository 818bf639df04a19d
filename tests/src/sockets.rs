//! Which local TCP ports a process holds, read from `/proc` (Linux): lets a test tell which
//! replica sent a request a loopback peer received, by the request's source port.

use std::collections::HashSet;

/// The local ports of the TCP sockets process `pid` has open (empty when `/proc` says nothing).
pub fn local_tcp_ports(pid: u32) -> HashSet<u16> {
    let inodes: HashSet<String> = std::fs::read_dir(format!("/proc/{pid}/fd"))
        .into_iter()
        .flatten()
        .flatten()
        .filter_map(|entry| std::fs::read_link(entry.path()).ok())
        .filter_map(|target| {
            let target = target.to_string_lossy().into_owned();
            Some(target.strip_prefix("socket:[")?.strip_suffix(']')?.to_owned())
        })
        .collect();
    ["tcp", "tcp6"]
        .iter()
        .filter_map(|table| std::fs::read_to_string(format!("/proc/{pid}/net/{table}")).ok())
        .flat_map(|table| {
            table
                .lines()
                .skip(1)
                .filter_map(|line| {
                    // sl local_address rem_address st tx:rx tr:when retrnsmt uid timeout inode
                    let fields: Vec<&str> = line.split_whitespace().collect();
                    let port = fields.get(1)?.rsplit(':').next()?;
                    let inode = fields.get(9)?;
                    inodes
                        .contains(*inode)
                        .then(|| u16::from_str_radix(port, 16).ok())
                        .flatten()
                })
                .collect::<Vec<_>>()
        })
        .collect()
}
